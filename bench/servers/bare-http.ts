// The machine's HTTP ceiling: a bare node:http server answering {"hello":"world"}. Run as a child process by the
// harness (bench/child.ts), like the platform, so each server gets its own core next to the load generator.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { announce } from './announce.ts';

const server = http.createServer((_req, res) => {
  const body = JSON.stringify({ hello: 'world' });
  res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});
server.listen(0, '127.0.0.1', () => announce((server.address() as AddressInfo).port, () => server.close()));
