import { createApp } from '../src/app.ts';
import { seedDemoAll } from '../src/boot.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/connect.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { issueSignIn, signInWithToken } from '../src/modules/auth/service.ts';
import { fixedClock } from '../src/shared/clock.ts';
import { newId } from '../src/shared/ids.ts';

// A local measurement, not part of the bench: Mit hold's series home with N materials in one series (a SQLite
// file), p50/p99 over 300 requests as the expert of session 1. The materials are spread over the places so
// that some lists are sparse (the case an index per place and phase is for).
//   node --import tsx scripts/measure-materials.ts 100 && node --import tsx scripts/measure-materials.ts 10000

const N = Number(process.argv[2] ?? 10000);
const url = `sqlite:/tmp/holdet-measure-${process.pid}.db`;
const database = openDatabase(url);
await migrateToLatest(database.db);
const now = new Date('2027-01-15T09:00:00.000Z');
await seedDemoAll(database.db, now);
const db = database.db;
const series = await db
  .selectFrom('series')
  .select('id')
  .where('slug', '=', 'beskaeftigelsesfaglig-masterclass-2027')
  .executeTakeFirstOrThrow();
const sessions = (
  await db.selectFrom('session').select('id').where('series_id', '=', series.id).execute()
).map((s) => s.id);
const rows = Array.from({ length: N }, (_, i) => ({
  id: newId(),
  series_id: series.id,
  session_id: i % 5 === 0 ? null : (sessions[i % 4] ?? null),
  phase: (i % 2 ? 'before' : 'after') as 'before' | 'after',
  kind: 'note' as const,
  title: `Materiale ${i}`,
  description: 'En kort beskrivelse af materialet til måling.',
  body_md: 'Tekst '.repeat(200),
  added_by_name: 'Måling',
  added_by: null,
  url: null,
  year: null,
  file_id: null,
  copied_from: null,
  created_at: new Date(now.getTime() - i * 60_000).toISOString(),
  updated_at: now.toISOString(),
  hidden_at: null,
  hidden_by: null,
  deleted_at: null,
  deleted_by: null,
}));
for (let i = 0; i < rows.length; i += 500)
  await db
    .insertInto('material')
    .values(rows.slice(i, i + 500))
    .execute();
const app = await createApp({
  config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATABASE_URL: url, BASE_URL: 'http://x' }),
  database,
  clock: fixedClock(now),
});
await app.ready();
const { token } = await issueSignIn(db, 'dorte.caswell@example.dk', now);
const signed = await signInWithToken(db, token, now);
if (!signed.ok) throw new Error('sign-in');
const cookie = `holdet_session=${signed.session.cookieValue}`;
const times: number[] = [];
for (let i = 0; i < 300; i++) {
  const t = performance.now();
  const res = await app.inject({
    method: 'GET',
    url: '/mit-hold/beskaeftigelsesfaglig-masterclass-2027',
    headers: { cookie },
  });
  times.push(performance.now() - t);
  if (res.statusCode !== 200) throw new Error(String(res.statusCode));
  if (i === 0) console.log(`page ${Math.round(res.body.length / 1024)} KiB`);
}
times.sort((a, b) => a - b);
const p = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]?.toFixed(1);
console.log(`materials ${N}: Mit hold p50 ${p(0.5)} ms, p99 ${p(0.99)} ms`);
await app.close();
await database.close();
