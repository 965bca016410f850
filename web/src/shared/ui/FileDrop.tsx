// One file picked by click or drop (kept in the page, never uploaded by antd): the import dialogs' file field.
import type { ReactNode } from 'react';
import { Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';

export function FileDrop({
  accept,
  file,
  onChange,
  children,
}: {
  accept: string;
  file: File | null;
  /** the picked file, or null when removed */
  onChange: (file: File | null) => void;
  /** the prompt under the icon */
  children: ReactNode;
}) {
  return (
    <Upload.Dragger
      accept={accept}
      maxCount={1}
      fileList={file ? [{ uid: '1', name: file.name, status: 'done', size: file.size }] : []}
      beforeUpload={(f) => {
        onChange(f);
        return false;
      }}
      onRemove={() => onChange(null)}
    >
      <p className="ant-upload-drag-icon">
        <InboxOutlined />
      </p>
      <p className="ant-upload-text">{children}</p>
    </Upload.Dragger>
  );
}
