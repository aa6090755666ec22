/** Something shown to one person that they can click in or submit. */
export type Surface =
  | { kind: 'message'; channel: string; ts?: string; blocks: unknown[]; text?: string; responseUrl?: string }
  | { kind: 'view'; viewId: string };

/** Per person, the messages and views shown to them, newest first (a short history, as a screen would keep). */
export class SurfaceLog {
  #byUser = new Map<string, Surface[]>();

  show(userId: string, surface: Surface): void {
    const list = this.#byUser.get(userId) ?? [];
    // A view shown again (views.update) moves to the front rather than appearing twice.
    const rest =
      surface.kind === 'view' ? list.filter((s) => !(s.kind === 'view' && s.viewId === surface.viewId)) : list;
    this.#byUser.set(userId, [surface, ...rest].slice(0, 20));
  }

  recent(userId: string): Surface[] {
    return this.#byUser.get(userId) ?? [];
  }

  remove(userId: string, surface: Surface): void {
    this.#byUser.set(
      userId,
      this.recent(userId).filter((s) => s !== surface),
    );
  }

  replace(userId: string, old: Surface, next: Surface): void {
    this.#byUser.set(
      userId,
      this.recent(userId).map((s) => (s === old ? next : s)),
    );
  }

  update(fn: (s: Surface) => Surface): void {
    for (const [userId, list] of this.#byUser) this.#byUser.set(userId, list.map(fn));
  }
}
