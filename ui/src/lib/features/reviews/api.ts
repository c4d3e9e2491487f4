/** Typed management review commands, built on {@link call}. */
import { call } from "../../api";
import type { ReviewDetail } from "../../bindings/ReviewDetail";
import type { ReviewEdit } from "../../bindings/ReviewEdit";
import type { ReviewsScreen } from "../../bindings/ReviewsScreen";

export const reviewsApi = {
  load: () => call<ReviewsScreen>("reviews_load"),
  detail: (id: number) => call<ReviewDetail>("review_detail", { id }),
  save: (review: ReviewEdit) => call<ReviewDetail>("review_save", { review }),
  redraftMinutes: (id: number) => call<ReviewDetail>("review_redraft_minutes", { id }),
  addAction: (id: number, title: string, ownerId: number | null, due: string | null) =>
    call<ReviewDetail>("review_add_action", { id, title, ownerId, due }),
  issue: (id: number) => call<ReviewDetail>("review_issue", { id }),
  withdraw: (id: number) => call<ReviewDetail>("review_withdraw", { id }),
  approve: (id: number, approver: number) => call<ReviewDetail>("review_approve", { id, approver }),
  remove: (id: number) => call<ReviewsScreen>("review_delete", { id }),
};
