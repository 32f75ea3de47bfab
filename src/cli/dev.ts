// `npm run dev`: the API with reload on change (node --watch); run `npx vite --config web/vite.config.ts` beside
// it for the web app with hot reload (it proxies /api to this server).
import { loadConfig } from '../platform/config.ts';
import { serve } from './serve.ts';

await serve(loadConfig(), { build: false });
