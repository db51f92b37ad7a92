// Source positions: data paths and positions inside string scalars.
import { expect } from 'chai';
import { YamlSource } from '../../src/common/yaml-source.js';

describe('YAML source positions', () => {
  const source = new YamlSource(
    'f.yaml',
    'a:\n  plain: Bundle.type\n  quoted: "x.y"\n  block: |\n    first\n      second\n  list: [1, 2]\n',
  );

  it('finds the node at a data path and falls back to the nearest ancestor', () => {
    expect(source.locAt(['a', 'list', 1])).to.deep.equal({ file: 'f.yaml', line: 7, col: 13 });
    expect(source.locAt(['a', 'missing', 'deeper'])).to.deep.equal({ file: 'f.yaml', line: 2, col: 3 });
  });

  it('maps a column inside plain, quoted and literal block scalars to the file', () => {
    expect(source.locInScalar(source.nodeAt(['a', 'plain']), 1, 8)).to.deep.equal({
      file: 'f.yaml',
      line: 2,
      col: 17,
    });
    expect(source.locInScalar(source.nodeAt(['a', 'quoted']), 1, 3)).to.deep.equal({
      file: 'f.yaml',
      line: 3,
      col: 14,
    });
    expect(source.locInScalar(source.nodeAt(['a', 'block']), 2, 3)).to.deep.equal({
      file: 'f.yaml',
      line: 6,
      col: 7,
    });
  });
});
