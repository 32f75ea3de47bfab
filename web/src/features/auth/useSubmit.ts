import { useState } from 'react';

/**
 * The submit of a form whose failure is shown on the form itself: `run` gets the form's values; `isSaving` while it
 * runs, `error` what it threw (cleared when the form is sent again).
 */
export function useSubmit<V>(run: (values: V) => Promise<void>): { submit: (values: V) => Promise<void>; isSaving: boolean; error: unknown } {
  const [error, setError] = useState<unknown>();
  const [isSaving, setIsSaving] = useState(false);
  const submit = async (values: V) => {
    setIsSaving(true);
    setError(undefined);
    try {
      await run(values);
    } catch (err) {
      setError(err);
    } finally {
      setIsSaving(false);
    }
  };
  return { submit, isSaving, error };
}
