// Imported first by every bench entry: Ctrl-C (or a SIGTERM from a timeout) stops the bench *and* the embedded
// PostgreSQL, nats-servers and hub services it started, instead of leaving them running with ppid 1.
import { exitOnInterrupt } from '@hub/runtime';

exitOnInterrupt();
