// HTTP errors and the OperationOutcome bodies the server answers them with.
import type { OperationOutcome } from '@medplum/fhirtypes';

export type IssueCode = 'invalid' | 'not-found' | 'not-supported' | 'exception' | 'processing' | 'forbidden';

/** An error with an HTTP status; the HTTP layer turns it into an OperationOutcome. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly issueCode: IssueCode = status === 404 ? 'not-found' : status >= 500 ? 'exception' : 'invalid',
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** 400 for an invalid operation or search parameter. */
export function invalidParameter(message: string): HttpError {
  return new HttpError(400, message, 'invalid');
}

export function operationOutcome(
  message: string,
  code: IssueCode,
  severity: 'error' | 'warning' | 'information' = 'error',
): OperationOutcome {
  return { resourceType: 'OperationOutcome', issue: [{ severity, code, diagnostics: message }] };
}
