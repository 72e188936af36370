/**
 * A read's preview (its first bytes, as hex) with the identifier it carries hidden: for exports
 * (`[redacted IMSI-1]`) and the window's copies (`[masked IMSI]`) alike, so the two hide the same
 * bytes.
 *
 * Where the identifier was found laid out in BCD (an EF_IMSI, EF_ICCID or dialling number:
 * bcd-identifiers.ts), its bytes are known exactly, and only they are replaced: the bytes around
 * it stay readable (`7e0a000108[redacted IMSI-1]ffffff`: the frame's header, the file's length
 * byte), for the support engineer who needs to know what was read. They stay only when each side,
 * read alone every way a preview is read, carries no identifier of its own. Found as text, an
 * identifier takes the whole preview, as before: a fragment, digits written apart or a number
 * cut at the preview's end have no extent exact enough to keep what is beside them.
 */
import { previewIdentifier, type IdentifierKind } from './identifiers.js';

/**
 * `hex` with its identifier replaced by what `hide` writes for it; `hex` itself when it carries
 * none. `keepRest`: whether the bytes around an identifier found exactly may stay (not when the
 * caller knows of more to hide in them, such as a device ID no digit rule finds).
 */
export function hidePreviewIdentifier(
  hex: string,
  hide: (kind: IdentifierKind, digits: string) => string,
  keepRest = true,
): string {
  const found = previewIdentifier(hex);
  if (!found) return hex;
  const hidden = hide(found.kind, found.digits);
  if (!keepRest || !found.at) return hidden;
  const [from, to] = found.at;
  const before = hex.slice(0, from * 2);
  const after = hex.slice(to * 2);
  if ((before && previewIdentifier(before)) || (after && previewIdentifier(after))) return hidden;
  return `${before}${hidden}${after}`;
}
