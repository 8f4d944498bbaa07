import { createInterface } from 'node:readline';
import { openDatabase } from '../src/db/connect.ts';
import { queueDigests } from '../src/modules/notifications/service.ts';

// Another app instance, as its own process, for the digest's "once with several instances" test: opens the
// database at argv[2], says `ready`, waits for `go` on stdin, runs the digest job at the instant argv[3] with
// DIGEST_HOUR argv[4], and prints how many digests it queued. (Two SQLite handles in one process cannot race:
// better-sqlite3 waits for a lock synchronously, so the other handle's transaction could never finish.)

const [url = '', at = '', hour = '7'] = process.argv.slice(2);
const database = openDatabase(url, { poolSize: 5 });
await database.ping();
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  if (line.trim() !== 'go') continue;
  const queued = await queueDigests(database.db, new Date(at), { digestHour: Number(hour) });
  process.stdout.write(`queued ${queued}\n`);
  break;
}
lines.close();
await database.close();
