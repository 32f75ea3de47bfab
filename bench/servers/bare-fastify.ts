// Fastify 5 hello world with no plugins: the framework's own ceiling on this machine. A child process, as bare-http.ts.
import Fastify from 'fastify';
import { announce } from './announce.ts';

const app = Fastify({ logger: false });
app.get('/', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
announce(typeof address === 'object' && address ? address.port : 0, () => app.close());
