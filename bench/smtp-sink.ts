import { SMTPServer } from 'smtp-server';

// A minimal SMTP server for the mail benchmark, in a process of its own (forked by bench/mail.ts, IPC):
// it accepts every message and throws the data away, so it costs as little as an SMTP server can and is
// not what is measured. It tells its parent when it has received a number of messages since the last
// `watch`, and at once when a message for `urgent@…` arrives.
//
// Parent → sink: { type: 'watch', count }.  Sink → parent: { type: 'ready', port }, { type: 'watching' },
// { type: 'reached', count }, { type: 'urgent', total }.

type Command = { type: 'watch'; count: number };

let received = 0;
let target = Number.POSITIVE_INFINITY;

const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  // The bench pool opens a handful of connections; no limit gets in the way.
  maxClients: 1000,
  onData(stream, session, callback) {
    stream.on('data', () => {});
    stream.on('end', () => {
      received++;
      const urgent = session.envelope.rcptTo.some((r) => r.address.startsWith('urgent@'));
      if (urgent) process.send?.({ type: 'urgent', total: received });
      if (received === target) process.send?.({ type: 'reached', count: received });
      callback();
    });
  },
});

process.on('message', (message: Command) => {
  if (message.type === 'watch') {
    received = 0;
    target = message.count;
    process.send?.({ type: 'watching', count: target });
  }
});
process.on('disconnect', () => server.close(() => process.exit(0)));

server.listen(0, '127.0.0.1', () => {
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port });
});
