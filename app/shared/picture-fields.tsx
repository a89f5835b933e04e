// The picture part of a form (multipart, works without JavaScript): a file input for a JPEG or PNG,
// the current picture with a "remove" box when editing, and the picture's description (alt text) in
// the three languages. Field names: `image`, `currentImage`, `removeImage`, `imageAltFi/Sv/En`; ids
// follow fields.tsx (`field-NAME`, `NAME-help`, `NAME-error`) so ErrorSummary links to them. The
// server checks the file (app/shared/images.server.ts, `storeImage`).
import { useTranslation } from "~/shared/i18n/react";
import { Field, describedBy } from "~/shared/fields";
import { IMAGE_ALT_MAX } from "~/shared/images";

export interface CurrentPicture {
  id: string;
  src: string;
  width: number;
  height: number;
  alt: string;
}

/** A native file input with its label, help and error. */
export function FileField(props: { name: string; label: string; help?: string; error?: string; accept?: string }) {
  const id = `field-${props.name}`;
  return (
    <div className="field">
      <label htmlFor={id} className="field__label">
        {props.label}
      </label>
      {props.help ? (
        <span id={`${id}-help`} className="field__description">
          {props.help}
        </span>
      ) : null}
      <input
        id={id}
        name={props.name}
        type="file"
        accept={props.accept}
        className="field__input field__input--file"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(props.help), Boolean(props.error))}
      />
      {props.error ? (
        <span id={`${id}-error`} className="field__error">
          {props.error}
        </span>
      ) : null}
    </div>
  );
}

export function PictureFields(props: {
  /** Translated errors by field name (useReplyMessages(reply).fields). */
  errors: Record<string, string | undefined>;
  /** What was typed, to put back. */
  values: Record<string, string | undefined>;
  /** The picture the thing has now (editing), if any. */
  current?: CurrentPicture | null;
  /** Label and help of the file input (defaults: "Picture (optional)" and the limits). */
  label?: string;
  help?: string;
}) {
  const { t } = useTranslation();
  const { errors, values, current } = props;
  return (
    <>
      {current ? (
        <div className="field">
          <p className="field__label">{t("images.current")}</p>
          <img src={current.src} width={current.width} height={current.height} alt={current.alt} loading="lazy" className="project-picture picture-fields__current" />
          <input type="hidden" name="currentImage" value={current.id} />
          <label className="checkbox-field">
            <input type="checkbox" name="removeImage" defaultChecked={values.removeImage === "on"} />
            <span>{t("images.remove")}</span>
          </label>
        </div>
      ) : null}
      <FileField name="image" label={props.label ?? t("images.picture")} help={props.help ?? t("images.pictureHelp")} error={errors.image} accept="image/jpeg,image/png" />
      <Field name="imageAltFi" label={t("images.altFi")} description={t("images.altHelp", { max: IMAGE_ALT_MAX })} defaultValue={values.imageAltFi} error={errors.imageAltFi} maxLength={IMAGE_ALT_MAX} />
      <Field name="imageAltSv" label={t("images.altSv")} defaultValue={values.imageAltSv} error={errors.imageAltSv} maxLength={IMAGE_ALT_MAX} />
      <Field name="imageAltEn" label={t("images.altEn")} defaultValue={values.imageAltEn} error={errors.imageAltEn} maxLength={IMAGE_ALT_MAX} />
    </>
  );
}
