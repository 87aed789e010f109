import { STAFF_ROLES } from './access.js';
import { KECAMATAN_CODES } from './kecamatan.js';
import { AGENCIES, OFFICER_ROLES } from './tasks.js';
import { withoutControlCharacters, z } from './validation.js';

/**
 * The people the system knows: staff who sign in or hold API keys, and the officer directory
 * that receives tasks. One schema per concept, used by the admin API, its pages and the CLI.
 */
const personName = z.string().trim().min(2, 'Nama minimal 2 karakter.').max(120, 'Nama terlalu panjang.');
const email = z.email('Alamat email tidak valid.').trim().toLowerCase().max(200);
const role = z.enum(STAFF_ROLES, { message: 'Peran harus COORDINATOR, SUPERVISOR, AUDITOR, atau ADMIN.' });

/** Kecamatan codes the person may see; empty (or absent) means the whole district. */
export const staffScopeSchema = z
  .array(z.enum(KECAMATAN_CODES, { message: 'Kecamatan tidak dikenal di Kabupaten Kutai Timur.' }))
  .max(KECAMATAN_CODES.length)
  .transform((codes) => [...new Set(codes)].sort());

export const MIN_PASSWORD_LENGTH = 12;
export const passwordSchema = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Kata sandi minimal ${MIN_PASSWORD_LENGTH} karakter.`)
  .max(200, 'Kata sandi terlalu panjang.');

export const newStaffUserSchema = withoutControlCharacters(
  z
    .object({ email, name: personName, role, scope: staffScopeSchema.default([]), password: passwordSchema })
    .strict(),
);
export type NewStaffUser = z.infer<typeof newStaffUserSchema>;

export const staffUserChangesSchema = withoutControlCharacters(
  z
    .object({
      name: personName.optional(),
      role: role.optional(),
      scope: staffScopeSchema.optional(),
      password: passwordSchema.optional(),
      disabled: z.boolean().optional(),
      /** Lifts a lockout after repeated wrong passwords. */
      unlock: z.literal(true).optional(),
    })
    .strict(),
);
export type StaffUserChanges = z.infer<typeof staffUserChangesSchema>;

export const newApiKeySchema = withoutControlCharacters(
  z.object({ name: personName, role, scope: staffScopeSchema.default([]) }).strict(),
);
export type NewApiKey = z.infer<typeof newApiKeySchema>;

const phone = z.string().trim().regex(/^(\+62|62|0)8\d{7,12}$/, 'Nomor HP tidak valid (contoh: 081234567890).');

/** An officer who receives tasks by email. A null kecamatan covers the whole district; a desa narrows a kecamatan. */
export const officerInputSchema = withoutControlCharacters(
  z
    .object({
      name: personName,
      email,
      phone: phone.nullable().optional(),
      agency: z.enum(AGENCIES, { message: 'Instansi harus DISDIKBUD, DUKCAPIL, atau DINSOS.' }),
      role: z.enum(OFFICER_ROLES, { message: 'Peran petugas harus FIELD_OFFICER, SUPERVISOR, COORDINATOR, atau HEAD.' }),
      kecamatan: z.enum(KECAMATAN_CODES, { message: 'Kecamatan tidak dikenal di Kabupaten Kutai Timur.' }).nullable().default(null),
      desa: z.string().trim().min(2).max(80).nullable().default(null),
      language: z.enum(['id', 'en'], { message: 'Bahasa surel harus id atau en.' }).default('id'),
      active: z.boolean().default(true),
    })
    .strict()
    .superRefine((officer, ctx) => {
      if (officer.desa && !officer.kecamatan) ctx.addIssue({ code: 'custom', path: ['desa'], message: 'Desa hanya dapat diisi bersama kecamatannya.' });
    }),
);
export type OfficerInput = z.infer<typeof officerInputSchema>;

export const officerChangesSchema = withoutControlCharacters(
  z
    .object({
      name: personName.optional(),
      email: email.optional(),
      phone: phone.nullable().optional(),
      kecamatan: z.enum(KECAMATAN_CODES, { message: 'Kecamatan tidak dikenal di Kabupaten Kutai Timur.' }).nullable().optional(),
      desa: z.string().trim().min(2).max(80).nullable().optional(),
      language: z.enum(['id', 'en']).optional(),
      active: z.boolean().optional(),
    })
    .strict(),
);
export type OfficerChanges = z.infer<typeof officerChangesSchema>;
