// The child-reaper spec's parent process: starts a long-running child the way the runtime starts its servers,
// says both pids on stdout, and then waits to be interrupted (or exits by itself with `exit` as its argument).
import { spawn } from 'node:child_process';
import { exitOnInterrupt, reapOnExit } from '../child-reaper.js';

exitOnInterrupt();
const child = spawn('sleep', ['600'], { stdio: 'ignore' });
reapOnExit(child);
process.stdout.write(`${JSON.stringify({ parent: process.pid, child: child.pid })}\n`);
// `exit`: nothing keeps this process alive (the child is unref'd), so it ends on its own after this line.
if (process.argv[2] === 'exit') child.unref();
else setInterval(() => undefined, 60_000);
