import { parseArgs } from "node:util";
import { ConfigError } from "../platform/config.server";
import { loggableMessage } from "../platform/loggable-error";
import { COMMANDS } from "./commands";
import { DataDirBusyError } from "./data-dir-lock";

const HELP = `guichet — le logiciel des France Services

Usage : guichet <commande> [options]

Commandes :
${COMMANDS.map((command) => `  ${command.usage.padEnd(72)} ${command.summary}`).join("\n")}
`;

async function main(argv: string[]): Promise<number> {
  const words: string[] = [];
  for (const arg of argv) {
    if (arg.startsWith("-")) break;
    words.push(arg);
  }
  const command = COMMANDS.find(
    (candidate) =>
      candidate.name.join(" ") === words.slice(0, candidate.name.length).join(" ") &&
      candidate.name.length <= words.length,
  );
  if (!command || argv.includes("--help") || argv.includes("-h")) {
    process.stdout.write(HELP);
    return command || words.length === 0 ? 0 : 2;
  }
  const { values } = parseArgs({
    args: argv.slice(command.name.length),
    options: command.options ?? {},
    strict: true,
    allowPositionals: false,
  });
  return command.run(values as Record<string, string | boolean | undefined>);
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== -1) process.exit(code);
  },
  (error: unknown) => {
    if (error instanceof ConfigError || error instanceof DataDirBusyError) {
      process.stderr.write(`${error.message}\n`);
    } else if (
      error instanceof Error &&
      "code" in error &&
      typeof (error as { code: unknown }).code === "string" &&
      String((error as { code: string }).code).startsWith("ERR_PARSE_ARGS")
    ) {
      process.stderr.write(`Option invalide : ${error.message}\n`);
    } else {
      process.stderr.write(`Erreur : ${loggableMessage(error)}\n`);
    }
    process.exit(1);
  },
);
