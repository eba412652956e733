import { attachmentsFor, type Attachment } from './submit.js';
import { outcomesFor, type ChosenOutcome, type FlowSession } from './sessions.js';

const CHECK_TITLES: Record<string, string> = {
  standard_screening_check: 'Standard screening',
  extensive_screening_check: 'Extensive screening',
  document_check: 'Document check',
  identity_check: 'Identity check',
  enhanced_identity_check: 'Enhanced identity check',
  proof_of_address_check: 'Proof of address check',
  face_authentication_check: 'Face authentication',
  age_estimation_check: 'Age estimation',
};

const OUTCOME_LABELS: Record<ChosenOutcome, string> = { clear: 'Clear', attention: 'Attention', rejected: 'Rejected' };

const ATTACHMENT_LABELS: Record<Attachment, { label: string; testId: string }> = {
  documentImage: { label: 'Identity document, front', testId: 'document-image' },
  addressImage: { label: 'Proof of address', testId: 'address-image' },
  selfieImage: { label: 'Selfie', testId: 'selfie-image' },
};

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: string) => text.replace(/[&<>"']/g, (character) => ESCAPES[character] ?? character);

const STYLE = `
:root{--bg:#f4f6fa;--card:#fff;--text:#17202e;--muted:#566175;--line:#d5dbe5;--accent:#1f5eff;--accent-text:#fff;--warn:#8a4b00;--warn-bg:#fff4e0;--bad:#a1122a;--bad-bg:#fde8ec}
[data-theme=dark]{--bg:#10151f;--card:#1a2230;--text:#e8ecf3;--muted:#a6b0c2;--line:#334057;--accent:#6d9bff;--accent-text:#0b1020;--warn:#ffc46b;--warn-bg:#3a2a0c;--bad:#ff8a9c;--bad-bg:#3d1420}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--text);font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
main{max-width:44rem;margin:0 auto;padding:1.5rem 1rem 3rem}
.brand{margin:0;font-weight:700;letter-spacing:.02em}.brand span{font-weight:500;color:var(--muted)}
h1{font-size:1.6rem;margin:.25rem 0 .5rem}h2{font-size:1.1rem;margin:0 0 .75rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:.75rem;padding:1.25rem;margin:1rem 0}
.note{background:var(--warn-bg);color:var(--warn);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0}
.alert{background:var(--bad-bg);color:var(--bad);border-radius:.5rem;padding:.75rem 1rem;margin:1rem 0;font-weight:600}
fieldset{border:1px solid var(--line);border-radius:.5rem;margin:0 0 .75rem;padding:.75rem 1rem}
legend{font-weight:600;padding:0 .25rem}legend code{font-weight:400;color:var(--muted);font-size:.85em}
.choices{display:flex;flex-wrap:wrap;gap:.5rem}
.choices label{display:inline-flex;align-items:center;gap:.4rem;border:1px solid var(--line);border-radius:999px;padding:.35rem 1rem .35rem .6rem;cursor:pointer;min-width:7rem}
.choices label:has(input:checked){background:var(--accent);border-color:var(--accent);color:var(--accent-text);font-weight:600}
.choices input{margin:0;accent-color:var(--accent-text)}
.file{display:grid;gap:.25rem;margin:0 0 .75rem}.file label{font-weight:600}.hint{color:var(--muted);font-size:.9rem;margin:0 0 .75rem}
input[type=file]{max-width:100%}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;align-items:center;margin-top:1.25rem}
button{background:var(--accent);color:var(--accent-text);border:0;border-radius:.5rem;padding:.7rem 1.5rem;font:inherit;font-weight:600;cursor:pointer}
a{color:var(--accent)}
@media (max-width:30rem){.card{padding:1rem .75rem}fieldset{padding:.5rem .6rem}.choices{gap:.3rem}.choices label{min-width:0;padding:.3rem .6rem .3rem .45rem;font-size:.95rem}}
`;

function document(title: string, theme: FlowSession['theme'], content: string): string {
  return `<!doctype html>
<html lang="en" data-theme="${theme === 'dark' ? 'dark' : 'light'}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(title)} · ComplyCube sandbox</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="brand">ComplyCube <span>sandbox</span></p>
${content}
</main>
</body>
</html>
`;
}

function checkChoices(type: string): string {
  const options = outcomesFor(type)
    .map((outcome) => {
      const id = `outcome-${type}-${outcome}`;
      const checked = outcome === 'clear' ? ' checked' : '';
      return `<label><input type="radio" name="outcome.${type}" value="${outcome}" data-testid="${id}"${checked}> ${OUTCOME_LABELS[outcome]}</label>`;
    })
    .join('\n');
  return `<fieldset data-testid="check-${type}">
<legend>${escape(CHECK_TITLES[type] ?? type)} <code>${type}</code></legend>
<div class="choices">
${options}
</div>
</fieldset>`;
}

function fileInput(name: Attachment): string {
  const { label, testId } = ATTACHMENT_LABELS[name];
  return `<div class="file"><label for="${name}">${label} (JPG or PNG)</label><input type="file" id="${name}" name="${name}" accept="image/jpeg,image/png" data-testid="${testId}"></div>`;
}

/** The session's page: the checks with their outcomes to choose, the images to attach, submit or cancel. */
export function flowPage(session: FlowSession, entityName: string, refusal?: string): string {
  const attachments = attachmentsFor(session);
  const images =
    attachments.length === 0
      ? ''
      : `<section class="card" aria-labelledby="images-heading">
<h2 id="images-heading">Images (optional)</h2>
<p class="hint">Between 34 KB and 4 MB each. Without one, the sandbox uses its sample image.</p>
${attachments.map(fileInput).join('\n')}
</section>`;
  return document(
    'Verify your identity',
    session.theme,
    `<h1>Verify your identity</h1>
<p>For <strong data-testid="flow-client">${escape(entityName)}</strong>.</p>
<p class="note" role="note">This page stands in for ComplyCube's hosted flow. Nothing is verified: each check ends with the outcome chosen here.</p>
${refusal === undefined ? '' : `<p class="alert" role="alert" data-testid="flow-error">${escape(refusal)}</p>`}
<form method="post" enctype="multipart/form-data" data-testid="flow-form">
<input type="hidden" name="formToken" value="${session.formToken}">
<section class="card" aria-labelledby="checks-heading">
<h2 id="checks-heading">Checks and their outcome</h2>
${session.checkTypes.map(checkChoices).join('\n')}
</section>
${images}
<div class="actions">
<button type="submit" data-testid="flow-submit">Submit</button>
<a href="${escape(session.cancelUrl)}" data-testid="flow-cancel">Cancel</a>
</div>
</form>`,
  );
}

/** A page that only tells the person why there is nothing to do here. */
export function messagePage(title: string, message: string, theme?: FlowSession['theme']): string {
  return document(title, theme, `<h1>${escape(title)}</h1>\n<p class="alert" role="alert" data-testid="flow-error">${escape(message)}</p>`);
}
