/** Management review state: the list, and the review open on screen (its detail). */
import { app, onProjectChange } from "../../app.svelte";
import type { ReviewDetail } from "../../bindings/ReviewDetail";
import type { ReviewEdit } from "../../bindings/ReviewEdit";
import type { ReviewsScreen } from "../../bindings/ReviewsScreen";
import { reviewsApi } from "./api";

class ReviewsState {
  list = $state<ReviewsScreen | null>(null);
  /** The review open on screen, or null for the list. */
  detail = $state<ReviewDetail | null>(null);

  reset(): void {
    this.list = null;
    this.detail = null;
  }

  async load(): Promise<void> {
    const v = await app.run(() => reviewsApi.load());
    if (v) this.list = v;
  }

  async open(id: number): Promise<void> {
    const d = await app.run(() => reviewsApi.detail(id));
    if (d) this.detail = d;
  }

  async close(): Promise<void> {
    this.detail = null;
    await this.load();
  }

  private async apply(action: () => Promise<ReviewDetail>): Promise<boolean> {
    const d = await app.run(action);
    if (d) this.detail = d;
    return !!d;
  }

  /** Saves the draft (a new review when `id` is 0) and shows it. */
  save(e: ReviewEdit): Promise<boolean> {
    return this.apply(() => reviewsApi.save($state.snapshot(e)));
  }

  redraftMinutes(id: number): Promise<boolean> {
    return this.apply(() => reviewsApi.redraftMinutes(id));
  }

  addAction(id: number, title: string, ownerId: number | null, due: string | null): Promise<boolean> {
    return this.apply(() => reviewsApi.addAction(id, title, ownerId, due));
  }

  issue(id: number): Promise<boolean> {
    return this.apply(() => reviewsApi.issue(id));
  }

  withdraw(id: number): Promise<boolean> {
    return this.apply(() => reviewsApi.withdraw(id));
  }

  async remove(id: number): Promise<void> {
    const v = await app.run(() => reviewsApi.remove(id));
    if (v) {
      this.list = v;
      this.detail = null;
    }
  }
}

export const reviews = new ReviewsState();
onProjectChange(() => reviews.reset());
