// Placeholder until the LSP server lands (being written in this session).
process.stderr.write('sysdig-mesos language server: not built yet\n');
process.exitCode = 1;
