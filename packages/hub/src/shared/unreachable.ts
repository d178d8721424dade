/** Makes a switch exhaustive: adding a member to a union without handling it fails to compile. */
export class UnreachableCaseError extends Error {
  constructor(value: never) {
    super(`Unreachable case: ${JSON.stringify(value)}`);
  }
}
