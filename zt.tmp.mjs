const t0 = performance.now();
const { z } = await import('zod');
const t1 = performance.now();
const s = z.object({ a: z.string(), b: z.enum(['x', 'y']), c: z.object({ d: z.number().nullable().default(null) }) });
for (let i = 0; i < 50; i++)
  z.object({
    a: z.string().optional(),
    b: z.enum(['x', 'y']),
    c: z.object({ d: z.number().nullable().default(null) }),
  });
const t2 = performance.now();
const m = await import('zod/mini');
const t3 = performance.now();
for (let i = 0; i < 50; i++)
  m.z.object({
    a: m.z.optional(m.z.string()),
    b: m.z.enum(['x', 'y']),
    c: m.z.object({ d: m.z._default(m.z.nullable(m.z.number()), null) }),
  });
const t4 = performance.now();
console.log(
  'import classic',
  (t1 - t0).toFixed(1),
  '50 schemas classic',
  (t2 - t1).toFixed(1),
  'import mini (after classic)',
  (t3 - t2).toFixed(1),
  '50 schemas mini',
  (t4 - t3).toFixed(1),
);
