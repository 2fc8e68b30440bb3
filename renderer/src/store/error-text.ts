/** An error as one sentence for the view. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
