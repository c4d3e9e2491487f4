/** Typed roadmap command, built on {@link call}. */
import { call } from "../../api";
import type { Roadmap } from "../../bindings/Roadmap";

export const roadmapApi = {
  load: () => call<Roadmap>("roadmap_load"),
};
