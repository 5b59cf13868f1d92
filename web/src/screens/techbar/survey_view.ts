// The short survey after a visit (#/techbar/survey/<token>): a score of 1 to 5 and a comment,
// answered once while the link lasts.
import { api, ApiError } from "../../api/client";
import { fill, h } from "../../dom";
import type { Run } from "../../screen";
import { when } from "./words";

const scores = ["Very poor", "Poor", "Fair", "Good", "Excellent"];

export function surveyView(body: HTMLElement, run: Run, token: string): void {
  void run(async () => {
    const survey = await api.survey(token);
    if (survey.answered_at) {
      fill(body, h("p", { id: "survey-thanks" }, "Thank you: this survey has been answered."));
      return;
    }
    const choices = scores.map((label, i) => h("label", { class: "survey-score" },
      h("input", { type: "radio", name: "score", value: String(i + 1), id: `score-${i + 1}` }), ` ${i + 1} ${label}`));
    const comment = h("textarea", { id: "survey-comment", rows: "3", maxlength: "2000", "aria-label": "Comment" });
    const error = h("p", { class: "form-error", role: "alert" });
    const form = h("form", { id: "survey-form" },
      h("fieldset", {}, h("legend", {}, "How was your visit to the Tech Bar?"), ...choices),
      h("label", { for: "survey-comment" }, "Anything to add? ", comment),
      h("button", { type: "submit" }, "Send"));
    form.onsubmit = (e) => {
      e.preventDefault();
      const picked = form.querySelector<HTMLInputElement>("input[name=score]:checked");
      if (!picked) {
        error.textContent = "Pick a score from 1 to 5.";
        return;
      }
      void run(async () => {
        try {
          await api.answerSurvey(token, Number(picked.value), comment.value.trim());
          fill(body, h("p", { id: "survey-thanks" }, "Thank you for telling us."));
        } catch (e2) {
          if (e2 instanceof ApiError) error.textContent = e2.message;
          else throw e2;
        }
      });
    };
    fill(body, h("p", { class: "muted" }, `Open until ${when(survey.expires_at)}.`), form, error);
  });
}
