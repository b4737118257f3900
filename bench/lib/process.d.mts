// Types of process.mjs for the TypeScript bench scripts.
export function envWith(overrides: Record<string, string | undefined>): NodeJS.ProcessEnv;
export function guichet(args: string[], env: Record<string, string | undefined>): string;
export function cpuMs(pid: number): number | null;
