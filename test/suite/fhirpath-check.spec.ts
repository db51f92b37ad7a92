// Load-time FHIRPath checks: readable syntax messages, unknown functions, and the %variables read.
import { expect } from 'chai';
import { checkFhirpath, variableRefs } from '../../src/suite/fhirpath-check.js';

describe('FHIRPath load-time checks', () => {
  it('accepts valid expressions, including FHIR functions', () => {
    for (const ok of [
      "Bundle.entry.resource.all(category.coding.where(code = 'GE').exists())",
      'resolve()',
      'iif(true, 1, 2)',
    ]) {
      expect(checkFhirpath(ok), ok).to.equal(undefined);
    }
  });

  it('explains an expression that ends too early', () => {
    expect(checkFhirpath('Bundle.type =')).to.deep.equal({
      message:
        'FHIRPath syntax error: the expression ends too early: something is missing after "Bundle.type ="',
      line: 1,
      column: 14,
    });
  });

  it('names an unexpected token instead of listing every possible one', () => {
    expect(checkFhirpath("Bundle.type = 'x' )")).to.deep.equal({
      message: "FHIRPath syntax error: unexpected ')' where the expression should end",
      line: 1,
      column: 19,
    });
  });

  it('explains an unterminated string and a missing bracket', () => {
    expect(checkFhirpath("code = 'x")!.message).to.equal(
      "FHIRPath syntax error: unterminated string: a closing ' is missing",
    );
    expect(checkFhirpath('(a')!.message).to.equal("FHIRPath syntax error: missing ')' at the end");
  });

  it('says to put backticks around an element named like a keyword (Narrative.div)', () => {
    expect(checkFhirpath('text.div.exists()')).to.deep.equal({
      message:
        "FHIRPath syntax error: 'div' is a FHIRPath keyword: to read the element div, write it in backticks, `div`",
      line: 1,
      column: 6,
    });
    expect(checkFhirpath('text.`div`.exists()')).to.equal(undefined);
    expect(checkFhirpath('a and')!.message).to.not.include('backticks');
  });

  it('turns fhirpath.js internal errors into a parse message', () => {
    expect(checkFhirpath('Bundle..type')!.message).to.match(
      /^FHIRPath syntax error: cannot parse this expression/,
    );
    expect(checkFhirpath('   ')!.message).to.equal('the FHIRPath expression is empty');
  });

  it('reports an unknown function at its position with a suggestion', () => {
    expect(checkFhirpath('Bundle.entry.resource.firts()')).to.deep.equal({
      message: 'unknown FHIRPath function firts() (did you mean "first"?)',
      line: 1,
      column: 23,
    });
  });

  it('lists %inputs.x and %name references with positions, without built-ins', () => {
    expect(
      variableRefs(
        "%inputs.patientId.exists() and %x = 'a' and %resource.id.exists() and %`vs-x`.exists() and %`y`.exists()",
      ),
    ).to.deep.equal([
      { kind: 'input', name: 'patientId', line: 1, column: 1 },
      { kind: 'variable', name: 'x', line: 1, column: 32 },
      { kind: 'variable', name: 'y', line: 1, column: 92 },
    ]);
    expect(
      variableRefs("'%notAVariable' and %context.exists() and %ucum.exists() and %terminologies.exists()"),
    ).to.deep.equal([]);
  });
});
