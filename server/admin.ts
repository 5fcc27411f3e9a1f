/** Admin CLI entry point; see ADMIN_USAGE in adminCli.ts. */
import { runAdmin } from './adminCli';

runAdmin(process.argv.slice(2), process.env, {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
}).then((code) => {
  process.exitCode = code;
});
