import { expect } from 'chai';
import { parse } from 'yaml';
import { withDeclaredInputs } from '../../src/config/template-inputs.js';

const TEMPLATE = `name: site
inputs:
  # Patients
  variantPatientId: REPLACE-ME   # has variants

  genes: [CYP2D6]

# Known gaps
waivers: []
`;

const declared = [
  { name: 'variantPatientId', description: 'A patient with variants.', list: false },
  { name: 'knownVariant', description: 'A variant\n  it has.', list: false },
  { name: 'absentVariants', description: 'Variants it lacks.', list: true },
];
const inputsOf = (text: string) => (parse(text) as { inputs: Record<string, unknown> }).inputs;

describe('the site template lists every declared input', () => {
  it('appends the inputs the template lacks, with their description, inside the inputs map', () => {
    const text = withDeclaredInputs(TEMPLATE, declared, new Set(Object.keys(inputsOf(TEMPLATE))));
    expect(inputsOf(text)).to.deep.equal({
      variantPatientId: 'REPLACE-ME',
      genes: ['CYP2D6'],
      knownVariant: 'REPLACE-ME',
      absentVariants: ['REPLACE-ME'],
    });
    expect(text).to.contain('  knownVariant: REPLACE-ME   # A variant it has.\n');
    expect(text).to.contain('  variantPatientId: REPLACE-ME   # has variants\n');
    expect(text.endsWith('\n# Known gaps\nwaivers: []\n')).to.equal(true);
  });

  it('changes nothing when every input is there, and adds only the new one on a later run', () => {
    expect(withDeclaredInputs(TEMPLATE, declared.slice(0, 1), new Set(['variantPatientId']))).to.equal(
      TEMPLATE,
    );
    const once = withDeclaredInputs(TEMPLATE, declared.slice(0, 2), new Set(['variantPatientId', 'genes']));
    const twice = withDeclaredInputs(once, declared, new Set(Object.keys(inputsOf(once))));
    expect(twice.match(/Inputs of newer suites/g)).to.have.length(1);
    expect(Object.keys(inputsOf(twice))).to.deep.equal([
      'variantPatientId',
      'genes',
      'knownVariant',
      'absentVariants',
    ]);
  });

  it('refuses a template without a block-style inputs map', () => {
    expect(() => withDeclaredInputs('inputs: {}\n', declared, new Set())).to.throw(
      /no block-style "inputs:" map/,
    );
  });
});
