import { Modal } from "./Modal";

export const examples = {
  question: () => (
    <Modal labelledBy="modal-example-title" onCancel={() => {}}>
      <h2 id="modal-example-title" class="modal__title">まだ使いますか？</h2>
      <button type="button">まだ使う</button>
    </Modal>
  ),
};
