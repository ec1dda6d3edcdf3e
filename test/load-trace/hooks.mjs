// Module hooks for cli-weight.test.ts: print every package a process resolves, one line each, on stderr.
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const m = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(result.url);
  if (m) process.stderr.write(`kefu-load-trace ${m[1]}\n`);
  return result;
}
