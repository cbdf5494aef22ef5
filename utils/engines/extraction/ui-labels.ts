/**
 * Lines in an article that are the page's controls and placeholders, not its words: "Advert",
 * "Advertisement", "Sharing is caring!", "comments", "Loading…" — a few words, every one of them
 * the vocabulary of page furniture (in the languages Clearmark's users read most). A line with a
 * single word outside that vocabulary is the article's, and stays. Among the first and last few
 * lines, also the site's appeals: "Subscribe to our newsletters", "Get the latest right in your
 * inbox", "Follow us", "Have a tip?", "Share this with a friend", "Tell us what you think", a player's
 * "requires JavaScript" (short lines only: a paragraph that mentions a newsletter stays). Anywhere,
 * a player's notice in place of its video ("Media playback is unsupported on your device"). Near the
 * end, a heading that opens the site's own links ("More Great WIRED Stories", "Related posts:",
 * "Most popular") ends the story: it and the lines after it go.
 */
import type { LeafBlock } from './leaf-blocks';

/** The words furniture is made of (plurals and accents folded into one pattern). */
const FURNITURE =
  /^(?:adverts?|advertisements?|ads?|sponsored|promoted|anzeige|werbung|publicit[ée]|publicidad|pubblicit[àa]|reklama|iklan|comments?|newsletters?|shar(?:e|es|ing)|caring|tweet|email|print|loading|caption|close|expand|enlarge|is|this|the|on|via|story|article|continue|below|scroll|to|and|or|subscribe|follow|us|more)$/;
const MAX_WORDS = 4;
const APPEAL =
  /\b(?:subscribe|(?:our|free|daily|email) newsletters?|your inbox|follow us|have a tip|share (?:it|this) with|(?:tell us|hear) what you think|requires javascript)\b/i;

/** A media player's notice standing in for its video or sound, anywhere in the article (short lines only). */
const PLAYER_NOTICE =
  /\b(?:media playback is (?:unsupported|not supported)|your (?:browser|device) (?:does not|doesn't|cannot) (?:support|play)|(?:video|audio) (?:is )?(?:unavailable|not available)|enable javascript to (?:play|watch|view))\b/i;

/** A heading that opens the site's links after the story ("More Great WIRED Stories", "Related articles", "Popular on …"). */
const AFTER_STORY =
  /^(?:more (?:great |from )?\S+ stories|related (?:stories|articles|posts|coverage|roundup)|popular on|most (?:read|popular)|you (?:may|might) (?:also )?like)\b/i;

export function uiLabels(blocks: LeafBlock[]): Element[] {
  // Among the last lines, such a heading and every line after it are the site's, not the story's.
  let afterStory = false;
  return blocks
    .filter(({ text }, i) => {
      if ((afterStory ||= i >= blocks.length - 12 && text.length < 60 && AFTER_STORY.test(text))) return true;
      if ((i < 3 || i >= blocks.length - 6) && text.length < 260 && APPEAL.test(text)) return true;
      if (text.length < 120 && PLAYER_NOTICE.test(text)) return true;
      const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
      // Every word furniture, at least one of them saying so outright (not only the small words).
      return (
        words.length <= MAX_WORDS &&
        words.every((w) => FURNITURE.test(w)) &&
        words.some((w) => w.length > 3 || w === 'ad' || w === 'ads')
      );
    })
    .map(({ el }) => el);
}
