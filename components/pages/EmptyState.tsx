/** What a list shows when it has nothing to show: a title and a sentence that says what to do. */
export function EmptyState({ title, text }: { title: string; text: string }) {
  return (
    <section class="empty">
      <h2>{title}</h2>
      <p>{text}</p>
    </section>
  );
}
