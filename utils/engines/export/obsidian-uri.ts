/**
 * "Send to Obsidian": the `obsidian://new` address that makes a note in a vault, as Obsidian
 * documents it (vault, file as a path in the vault without `.md`, content), every value encoded
 * with encodeURIComponent (Obsidian reads `+` as a plus). An address has a limit the operating
 * system sets before Obsidian sees it, so a long note is not sent this way (the caller downloads it).
 */

/**
 * The longest address sent. Windows hands a protocol handler at most 32,767 characters of command
 * line; the rest of the way (the browser's prompt, macOS and Linux launchers) takes more. Kept
 * under with room to spare.
 */
export const MAX_OBSIDIAN_URI = 30_000;

export interface ObsidianNote {
  /** '' for the vault Obsidian has open. */
  vault: string;
  /** The folder in the vault, '' for its top (already made safe: vaultFolder). */
  folder: string;
  /** The note's name without `.md` (already made safe: noteName). */
  name: string;
  content: string;
}

/** The address that makes the note, or null when it would be longer than an address may be. */
export function obsidianNewUri(note: ObsidianNote): string | null {
  const params = [
    ...(note.vault.trim() ? [`vault=${encodeURIComponent(note.vault.trim())}`] : []),
    `file=${encodeURIComponent(note.folder ? `${note.folder}/${note.name}` : note.name)}`,
    `content=${encodeURIComponent(note.content)}`,
  ];
  const uri = `obsidian://new?${params.join('&')}`;
  return uri.length <= MAX_OBSIDIAN_URI ? uri : null;
}
