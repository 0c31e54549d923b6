/** tslab's display API, when this process is a tslab kernel. */
import * as path from 'node:path';

/** The part of tslab's `Display` that `show` uses. */
export interface KernelDisplay {
  html(s: string): void;
  markdown(s: string): void;
  text(s: string): void;
}

const KERNEL_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/**
 * tslab's `display` when this process runs a tslab kernel, else null (plain node, tests, the
 * CLI). The kernel has loaded its own `tslab/dist/jupyter.js`; the `tslab` module next to it is
 * the instance whose `display` reaches the running cell, even when the kernel is installed
 * somewhere else than the project's `node_modules`. tslab itself is loaded only then: it takes a
 * while to load and outside a kernel its display throws "Not ready".
 */
export function kernelDisplay(): KernelDisplay | null {
  const kernelFile = Object.keys(require.cache).find((file) => KERNEL_MODULE.test(file));
  if (kernelFile === undefined) return null;
  const tslab = require(path.join(path.dirname(kernelFile), 'public.js')) as { display: KernelDisplay };
  return tslab.display;
}
