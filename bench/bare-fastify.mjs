import Fastify from 'fastify';

const app = Fastify();
app.get('/health', () => ({ status: 'ok' }));
const url = await app.listen({ host: '127.0.0.1', port: 0 });
console.log(`bare Fastify listening on ${url}/`);
