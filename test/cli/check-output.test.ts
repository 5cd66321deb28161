import { describe, expect, it } from 'vitest';
import { checkOutput, type CheckStreams } from '../../src/cli/check-output.ts';
import { ReportCollector } from '../../src/cli/reporters/collector.ts';

/** Both streams into one list, in the order written, each tagged. */
function streams(stderrIsTTY: boolean): { s: CheckStreams; log: string[] } {
  const log: string[] = [];
  return { s: { stdout: (t) => log.push(`out:${t}`), stderr: (t) => log.push(`err:${t}`), stderrIsTTY }, log };
}

describe('checkOutput', () => {
  it('should clear the live line on a terminal before the result is printed', () => {
    const { s, log } = streams(true);
    const { io } = checkOutput(s, { pretty: true, collector: new ReportCollector(), env: {}, now: () => 0 });
    io.progress!.start('generators', 500, 'programs');
    io.out('  ok    500 programs passed');
    expect(log).toEqual(['err:\rgenerators 0/500 programs\x1b[K', 'err:\r\x1b[K', 'out:  ok    500 programs passed\n']);
  });

  it('should put heartbeats among the pretty text in a log, and on stderr with a start line when stdout is a document', () => {
    let t = 0;
    const pretty = streams(false);
    const a = checkOutput(pretty.s, { pretty: true, collector: new ReportCollector(), env: {}, now: () => t });
    a.io.progress!.start('wire', 1000, 'traces');
    t = 6_000;
    a.io.progress!.tick(700);
    expect(pretty.log).toEqual(['out:  wire: 700/1000 traces, 6 s\n']);

    t = 0;
    const json = streams(false);
    const collector = new ReportCollector();
    const b = checkOutput(json.s, { pretty: false, collector, env: {}, now: () => t });
    b.io.progress!.start('wire', 1000, 'traces');
    t = 6_000;
    b.io.progress!.tick(700);
    b.io.out('wire      1000 random traces');
    expect(json.log).toEqual(['err:wire: started, 1000 traces\n', 'err:  wire: 700/1000 traces, 6 s\n']);
    collector.part({ name: 'wire', kind: 'property', ok: true });
    expect(collector.parts[0]!.output).toBe('wire      1000 random traces'); // the text still reaches the report
  });
});
