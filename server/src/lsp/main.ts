/** Entry point of dist/server.js: `node dist/server.js --stdio` (or `--node-ipc` from VS Code). */
import { startServer } from './server';

startServer();
