/**
 * What a page tells the user after an action: something done, or a problem. The two must not
 * look alike (a failed import read as a success loses the user's file), so every message says
 * which it is, and pages draw each in its own way and announce a problem at once.
 */
export interface Notice {
  text: string;
  tone: 'done' | 'problem';
}

export const done = (text: string): Notice => ({ text, tone: 'done' });
export const problem = (text: string): Notice => ({ text, tone: 'problem' });

/**
 * The notice once an edit in a list is answered: its problem if it was refused; once it is stored,
 * a problem shown before goes (the person has moved on), but a report of something done stays. It
 * is not this edit's to take back, and taking it away moves everything under it up the page, under
 * the pointer of a person about to click there.
 */
export const afterEdit = (shown: Notice | null, error?: string): Notice | null =>
  error ? problem(error) : shown?.tone === 'problem' ? null : shown;
