import { newApiKeySchema, newStaffUserSchema, officerChangesSchema, officerInputSchema, staffUserChangesSchema } from '../../domain/staff.js';
import { z } from '../../domain/validation.js';

/** HTTP shapes of the admin routes; the domain schemas in domain/staff.ts stay the source of truth for what comes in. */

export const idParamsSchema = z.object({ id: z.string().min(1).max(100) });

export const newStaffUserBodySchema = newStaffUserSchema.meta({
  examples: [{ email: 'rina.koordinator@kutaitimurkab.go.id', name: 'Rina Wulandari', role: 'SUPERVISOR', scope: ['640804', '640812'], password: 'ganti-segera-2026' }],
});
export const staffUserChangesBodySchema = staffUserChangesSchema.meta({
  examples: [{ scope: ['640804'] }, { disabled: true }, { unlock: true }, { password: 'kata-sandi-baru-2026' }],
});
export const newApiKeyBodySchema = newApiKeySchema.meta({
  examples: [{ name: 'Integrasi Dapodik Disdikbud', role: 'COORDINATOR', scope: [] }],
});
export const officerBodySchema = officerInputSchema.meta({
  examples: [{ name: 'Yakobus Ding', email: 'yakobus.ding@kutaitimurkab.go.id', phone: '081250001234', agency: 'DISDIKBUD', role: 'FIELD_OFFICER', kecamatan: '640806', desa: null }],
});
export const officerChangesBodySchema = officerChangesSchema.meta({ examples: [{ active: false }, { kecamatan: '640809', desa: null }] });

export const staffUserSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.string(),
  scope: z.array(z.string()),
  locked: z.boolean(),
  disabled: z.boolean(),
  lastSignInAt: z.string().nullable(),
  createdAt: z.string(),
});

export const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().meta({ description: 'Awal kunci (ats_<prefix>_…) untuk mengenali kunci tanpa rahasianya.' }),
  role: z.string(),
  scope: z.array(z.string()),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});

export const createdApiKeySchema = apiKeySchema.extend({
  key: z.string().meta({ description: 'Kunci lengkap. Hanya ditampilkan sekali; simpan di tempat yang aman.' }),
});

export const officerSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  phone: z.string().nullable(),
  agency: z.string(),
  role: z.string(),
  kecamatan: z.string().nullable(),
  desa: z.string().nullable(),
  language: z.string(),
  active: z.boolean(),
  openTasks: z.number().int(),
});
