import { SourceMapConsumer } from 'source-map';
import { preprocessedText } from '../../cli/preprocess.js';
import { preprocess } from '../../grammar/preprocess/preprocessor.js';
import { compilePosixEre } from '../../runtime/regex/posix-ere.js';
import { memoryLoader } from '../helpers.js';

const files = {
  'main.cfg': '#!define PORT 5060\n#!ifdef NO\nnope=1\n#!endif\nlisten=udp:127.0.0.1:PORT\ninclude_file "routes.cfg"\n',
  'routes.cfg': 'request_route {\n\tlog(1, "a" "b");\n}\n',
};

function run() {
  const result = preprocess('main.cfg', { loader: memoryLoader(files), compileRegex: compilePosixEre });
  return preprocessedText(result.tokens, result.sources, 'out.cfg');
}

describe('siprc preprocess', () => {
  it('prints the script with includes inlined, false regions dropped and defines expanded', () => {
    expect(run().text).toBe('listen=udp:127.0.0.1:5060\nrequest_route {\n\tlog(1, "ab");\n}\n');
  });

  it('writes a source map leading each token back to where it was written', async () => {
    const { map } = run();
    const consumer = await new SourceMapConsumer(JSON.parse(map));
    try {
      // `5060` came from the define used at main.cfg:5:22.
      expect(consumer.originalPositionFor({ line: 1, column: 21 })).toMatchObject({ source: 'main.cfg', line: 5, column: 21 });
      // `log` is in the included file, line 2 after its tab.
      expect(consumer.originalPositionFor({ line: 3, column: 1 })).toMatchObject({ source: 'routes.cfg', line: 2, column: 1 });
      expect(consumer.sourceContentFor('routes.cfg')).toBe(files['routes.cfg']);
    } finally {
      consumer.destroy();
    }
  });
});
