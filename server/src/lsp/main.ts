/** Entry point of dist/server.js: `node dist/server.js --stdio` (or `--node-ipc` from VS Code). */
import { leanHeap } from '../io/leanHeap';
import { startServer } from './server';

leanHeap();
startServer();
