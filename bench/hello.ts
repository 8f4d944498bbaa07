import { createServer } from 'node:http';

// The baseline: the cheapest useful Node HTTP server, to compare the app against on the same machine.

const body = 'hello world';
const server = createServer((_request, response) => {
  response.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
  response.end(body);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1');
process.once('SIGTERM', () => server.close(() => process.exit(0)));
