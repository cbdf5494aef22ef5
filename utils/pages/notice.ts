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
