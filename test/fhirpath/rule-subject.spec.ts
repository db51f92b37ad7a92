// ruleSubject(): what a "no item breaks the rule" check is about, read from the FHIRPath parse tree.
import { expect } from 'chai';
import { ruleSubject } from '../../src/checks/operators.js';

describe('fhirpath/rule-subject', () => {
  const cases: [string, Parameters<typeof ruleSubject>[1], unknown, string | undefined][] = [
    [
      "entry.resource.where(resourceType = 'Observation').where(code.exists().not())",
      'empty',
      true,
      "entry.resource.where(resourceType = 'Observation')",
    ],
    [
      "component.where(code.coding.code = '48001-2').where(value.exists().not())",
      'exists',
      false,
      "component.where(code.coding.code = '48001-2')",
    ],
    ['component.where(value.empty())', 'count', 0, 'component'],
    ['component.where(value.empty())', 'count', { max: 0 }, 'component'],
    ['entry.resource.all(category.exists())', 'is', true, 'entry.resource'],
    ['entry.resource.where(id.empty()).empty()', 'is', true, 'entry.resource'],
    ['entry.resource.where(id.empty()).exists().not()', 'is', true, 'entry.resource'],
    ['entry.resource.where(id.empty()).exists()', 'is', false, 'entry.resource'],
    ['(a | b).where(c)', 'empty', true, '(a | b)'],
    ['code.coding.code', 'in', ['a'], 'code.coding.code'],
    // Not "no item breaks the rule": an empty result is a real finding.
    ['entry.resource.where(id.empty())', 'empty', false, undefined],
    ['entry.count()', 'greaterThan', 0, undefined],
    ['entry.resource.all(category.exists())', 'is', false, undefined],
    ['component.value', 'empty', true, undefined],
    ['total', 'equals', 3, undefined],
  ];
  for (const [source, operator, value, subject] of cases) {
    it(`${source} ${operator} ${JSON.stringify(value)} → ${subject ?? 'no subject'}`, () => {
      expect(ruleSubject(source, operator, value)).to.equal(subject);
    });
  }
});
