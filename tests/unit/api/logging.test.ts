import { describe, expect, it } from 'vitest';
import { loggableUrl } from '../../../api/plugins/logging.js';

describe('what the access log keeps of a URL', () => {
  it('hides the secret of a task link, and anything after it', () => {
    expect(loggableUrl('/tasks/Zm9vYmFyYmF6cXV4MTIz')).toBe('/tasks/[token]');
    expect(loggableUrl('/tasks/Zm9vYmFyYmF6cXV4MTIz?x=1')).toBe('/tasks/[token]');
  });

  it('keeps API paths and their filters, which carry no personal data', () => {
    expect(loggableUrl('/api/v1/cases?stage=HOME_VISIT&limit=5')).toBe('/api/v1/cases?stage=HOME_VISIT&limit=5');
  });
});
