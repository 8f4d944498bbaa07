/** The hidden fields every sign-in form carries: the CSRF token and where to go afterwards. */
export function HiddenFields({ csrf, next }: { csrf: string; next: string | null }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={csrf} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
    </>
  );
}
