import { type ReactNode, useState } from 'react';
import { Text, Textarea, View } from '@tarojs/components';
import Button from '../button';
import PhotoGrid from '../photo-grid';
import PrivacyPopup from '../privacy-popup';
import TemplateChips from '../template-chips';
import { uploadTile, usePhotoUploads } from '../../hooks/use-photo-uploads';
import { errorMessage, isApiError } from '../../services/http';
import { choosePhotos } from '../../utils/choose-photos';
import './index.scss';

export interface LoopFormInput {
  note: string;
  mediaIds: number[];
}

export interface LoopFormProps {
  title: string;
  /** The form's data-testid; its parts are `${testId}-note`, `-submit`, `-error`, `-photo-add`. */
  testId: string;
  submitText: string;
  notePlaceholder: string;
  /** Shown when the note is left empty; no message means the note is optional. */
  noteRequired?: string;
  noteMax?: number;
  /** How many photos may be attached; none when 0. */
  photosMax?: number;
  /** A line under the photos (what they are for, where they must be taken). */
  hint?: string;
  /** Fields above the note (a reason picker, hours, a rating). */
  children?: ReactNode;
  /** Ready-made wording to start the note from (response templates), when there are any. */
  templates?: Array<{ id: number | string; title: string; text: string }>;
  /** Throws to keep the form open with the error shown: an Error's own message for checks made here, else the catalogue's. */
  onSubmit: (input: LoopFormInput) => Promise<void>;
  onCancel: () => void;
}

/** What a step's form says (its title, buttons and note prompt): pages keep these in a table by step. */
export type LoopFormWording = Pick<LoopFormProps, 'title' | 'testId' | 'submitText' | 'notePlaceholder' | 'noteRequired' | 'photosMax' | 'hint'>;

/** One form for every step of the closed loop: a few fields, a note, maybe photos, and a clear error. */
export default function LoopForm(props: LoopFormProps) {
  const { title, testId, submitText, notePlaceholder, noteRequired, noteMax = 500, photosMax = 0, hint, children, templates, onSubmit, onCancel } = props;
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const photos = usePhotoUploads(photosMax);

  const submit = async () => {
    setError(null);
    const text = note.trim();
    if (noteRequired && !text) return setError(noteRequired);
    if (photos.uploading) return setError('照片还在上传，请稍候');
    if (photos.failed) return setError('有照片没有传上去，请重试或删掉它');
    setBusy(true);
    try {
      await onSubmit({ note: text, mediaIds: photos.mediaIds });
    } catch (e) {
      setError(e instanceof Error && !isApiError(e) ? e.message : errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className='card loop-form' data-testid={testId}>
      <Text className='card__title loop-form__title'>{title}</Text>
      {children}
      <TemplateChips templates={templates} onPick={setNote} testId={`${testId}-templates`} />
      <Textarea
        className='loop-form__note'
        value={note}
        maxlength={noteMax}
        placeholder={notePlaceholder}
        onInput={(e) => setNote(e.detail.value)}
        data-testid={`${testId}-note`}
      />
      {photosMax > 0 ? (
        <PhotoGrid
          tiles={photos.items.map(uploadTile)}
          max={photosMax}
          onAdd={() => void choosePhotos(photos.room).then(photos.add)}
          onRemove={photos.remove}
          onRetry={photos.retry}
          addTestId={`${testId}-photo-add`}
        />
      ) : null}
      {/* Picking a photo (and a follow-up photo's location) waits for the privacy consent this sheet asks for. */}
      {photosMax > 0 ? <PrivacyPopup /> : null}
      {hint ? <Text className='muted loop-form__hint'>{hint}</Text> : null}
      {error ? (
        <Text className='field-error loop-form__error' data-testid={`${testId}-error`}>
          {error}
        </Text>
      ) : null}
      <View className='loop-form__buttons'>
        <Button className='btn btn--plain loop-form__button' disabled={busy} onClick={onCancel}>
          取消
        </Button>
        <Button className='btn btn--primary loop-form__button' loading={busy} disabled={busy} onClick={() => void submit()} data-testid={`${testId}-submit`}>
          {submitText}
        </Button>
      </View>
    </View>
  );
}

/** A row of chips above a loop form's note: pick one (hours, a close outcome, a rating). */
export function LoopChoices<T extends string | number>({ options, value, label, onPick, testId }: { options: readonly T[]; value: T | null; label: (v: T) => string; onPick: (v: T) => void; testId: (v: T) => string }) {
  return (
    <View className='loop-form__choices'>
      {options.map((v) => (
        <Text key={v} className={`chip loop-form__choice ${value === v ? 'chip--on' : ''}`} onClick={() => onPick(v)} data-testid={testId(v)}>
          {label(v)}
        </Text>
      ))}
    </View>
  );
}
