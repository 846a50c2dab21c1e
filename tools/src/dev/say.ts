/**
 * What `pnpm dev` prints, and the content hashes it decides with. Functions only: no state.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { styleText } from "node:util";

const paint = (format: Parameters<typeof styleText>[0]) => (text: string) => styleText(format, text);
export const red = paint("red");
export const green = paint("green");
export const yellow = paint("yellow");
export const bold = paint("bold");
export const dim = paint("dim");

/** One line of the loop, with the time: what happened, in words. */
export const say = (line: string): void =>
  console.log(`${dim(`[dev ${new Date().toLocaleTimeString("en-GB")}]`)} ${line}`);
/** A report that needs reading (a failure, a lint report): on stderr. */
export const complain = (text: string): void => console.error(text);

export const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

/** The last lines of a command's output worth reading: no blank lines, no stack frames, no boxed banners. */
export const tail = (output: string, lines = 12): string =>
  output
    .split("\n")
    .filter((l) => l.trim() && !/[║╔╚═]/.test(l) && !/^\s+at .+[:)]\d*\)?$/.test(l))
    .slice(-lines)
    .map((l) => `  ${l}`)
    .join("\n");

/** The SHA-256 of a file's contents, or undefined when it cannot be read (deleted, being replaced). */
export function digest(path: string): string | undefined {
  try {
    return createHash("sha256").update(readFileSync(path)).digest("hex");
  } catch {
    return undefined;
  }
}
