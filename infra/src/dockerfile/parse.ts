// A small Dockerfile reader for the checks in dockerfile.test.ts: enough of the syntax this repository uses
// (line continuations, comments, exec-form JSON arrays, stage names, COPY flags), not a general parser.

export interface Instruction {
  /** Upper-case keyword: FROM, COPY, RUN, CMD, … */
  keyword: string;
  /** The text after the keyword, continuations joined. */
  args: string;
  /** 1-based line of the keyword. */
  line: number;
}

export interface Stage {
  name?: string;
  /** The image or stage it starts from, with `${ARG}` defaults substituted. */
  from: string;
  instructions: Instruction[];
}

export interface Dockerfile {
  /** ARG defaults declared before the first FROM. */
  args: Record<string, string>;
  stages: Stage[];
}

export function parseDockerfile(text: string): Dockerfile {
  const instructions: Instruction[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    if (/^\s*(#.*)?$/.test(raw)) continue;
    const line = i + 1;
    let joined = raw;
    while (/\\\s*$/.test(joined) && i + 1 < lines.length) {
      joined = joined.replace(/\\\s*$/, ' ');
      i++;
      // Comment and empty lines inside a continuation are dropped, as Docker does.
      while (i < lines.length && /^\s*(#.*)?$/.test(lines[i]!)) i++;
      if (i < lines.length) joined += lines[i]!;
    }
    const m = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(joined);
    if (!m) throw new Error(`Dockerfile line ${line}: cannot read "${raw.trim()}"`);
    instructions.push({ keyword: m[1]!.toUpperCase(), args: m[2]!.replace(/\s+/g, ' ').trim(), line });
  }

  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const ins of instructions) {
    if (ins.keyword === 'FROM') {
      const m = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(ins.args);
      if (!m) throw new Error(`Dockerfile line ${ins.line}: cannot read FROM ${ins.args}`);
      const from = m[1]!.replace(/\$\{(\w+)\}|\$(\w+)/g, (_, a, b) => args[a ?? b] ?? `\${${a ?? b}}`);
      stages.push({ ...(m[2] ? { name: m[2] } : {}), from, instructions: [] });
    } else if (stages.length === 0) {
      if (ins.keyword !== 'ARG')
        throw new Error(`Dockerfile line ${ins.line}: ${ins.keyword} before the first FROM`);
      const m = /^(\w+)(?:=(.*))?$/.exec(ins.args);
      if (m) args[m[1]!] = m[2] ?? '';
    } else {
      stages[stages.length - 1]!.instructions.push(ins);
    }
  }
  return { args, stages };
}

/** An exec-form argument list (`["a", "b"]`), or undefined for the shell form. */
export function execForm(args: string): string[] | undefined {
  if (!args.startsWith('[')) return undefined;
  const parsed: unknown = JSON.parse(args);
  if (!Array.isArray(parsed) || !parsed.every((a) => typeof a === 'string'))
    throw new Error(`not an exec-form array of strings: ${args}`);
  return parsed;
}

export interface CopyInstruction {
  from?: string;
  sources: string[];
  destination: string;
}

/** COPY flags and paths (JSON form not used here). */
export function parseCopy(args: string): CopyInstruction {
  const words = args.split(' ');
  let from: string | undefined;
  while (words[0]?.startsWith('--')) {
    const flag = words.shift()!;
    const m = /^--from=(.+)$/.exec(flag);
    if (m) from = m[1];
  }
  if (words.length < 2) throw new Error(`COPY needs a source and a destination: ${args}`);
  const destination = words.pop()!;
  return { ...(from ? { from } : {}), sources: words, destination };
}

/** The stage chain of `name`: the stage itself first, then the stages it is built FROM. */
export function lineage(file: Dockerfile, name: string): Stage[] {
  const chain: Stage[] = [];
  let stage = file.stages.find((s) => s.name === name);
  while (stage) {
    chain.push(stage);
    const from = stage.from;
    stage = file.stages.find((s) => s.name === from);
  }
  return chain;
}

/** The last instruction of `keyword` in the stage or the stages it inherits from (CMD, USER, ENTRYPOINT…). */
export function effective(file: Dockerfile, name: string, keyword: string): Instruction | undefined {
  for (const stage of lineage(file, name)) {
    const found = stage.instructions.filter((i) => i.keyword === keyword);
    if (found.length) return found[found.length - 1];
  }
  return undefined;
}

/** The working directory a stage's CMD runs in (the last WORKDIR, inherited). */
export function workdir(file: Dockerfile, name: string): string {
  return effective(file, name, 'WORKDIR')?.args ?? '/';
}
