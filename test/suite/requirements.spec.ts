// The requirements catalog: entry validation, duplicate ids, and the bare-list form.
import { expect } from 'chai';
import { SuiteErrors } from '../../src/common/errors.js';
import { loadSuites } from '../../src/suite/index.js';
import { runCliIn, tempProject } from '../helpers/temp-project.js';

const SUITE = 'scenarios:\n  - id: s\n    requirement: R-1\n    steps: [{ request: { path: metadata } }]\n';

async function errorsFor(catalog: string): Promise<string[]> {
  const project = tempProject({ 'suites/requirements.yaml': catalog, 'suites/a.yaml': SUITE });
  try {
    const err = await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir }).catch(
      (e: unknown) => e,
    );
    if (!(err instanceof SuiteErrors)) return [];
    const out = await runCliIn(project.dir, ['lint']);
    expect(out.code).to.equal(2);
    return err.errors.map((e) => e.format());
  } finally {
    project.remove();
  }
}

describe('requirements catalog', () => {
  it('accepts a bare list of requirements', async () => {
    expect(
      await errorsFor('- { id: R-1, text: T, source: "https://example.org/ig", level: MAY }\n'),
    ).to.deep.equal([]);
  });

  it('validates level and source of each entry', async () => {
    const errors = await errorsFor(
      'requirements:\n  - { id: R-1, text: T, source: not a url, level: MUST }\n',
    );
    expect(errors).to.deep.equal([
      'suites/requirements.yaml:2:33: requirements[0].source must be a URL (where the text comes from) [SCHEMA]',
      'suites/requirements.yaml:2:51: requirements[0].level must be one of SHALL, SHOULD, MAY [SCHEMA]',
    ]);
  });

  it('reports a duplicate requirement id', async () => {
    const entry = '  - { id: R-1, text: T, source: "https://example.org/ig", level: SHALL }\n';
    const errors = await errorsFor(`requirements:\n${entry}${entry}`);
    expect(errors).to.deep.equal([
      'suites/requirements.yaml:3:11: requirement id "R-1" is listed twice (first at line 2) [DUPLICATE_ID]',
    ]);
  });

  it('says when there is no catalog at all', async () => {
    const project = tempProject({ 'suites/a.yaml': SUITE });
    try {
      const err = await loadSuites([], { suitesRoot: project.path('suites'), cwd: project.dir }).catch(
        (e: unknown) => e,
      );
      expect((err as SuiteErrors).errors.map((e) => e.format())).to.deep.equal([
        'suites/a.yaml:3:18: unknown requirement "R-1": there is no requirements catalog at suites/requirements.yaml [UNKNOWN_REQUIREMENT]',
      ]);
    } finally {
      project.remove();
    }
  });
});
