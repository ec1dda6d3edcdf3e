import { Modal, Skeleton, message as antdMessage } from 'antd';
import { useNavigate } from 'react-router-dom';
import { TicketForm } from '../desk/ticket-form';
import { useI18n } from '../i18n/i18n-context';
import { useLoad } from '../shared/use-load';
import { ticketRef, ticketsApi, type NewTicket } from './tickets-api';

/**
 * A ticket filed outside a call (a letter, a walk-in note, a follow-up from the customer's page):
 * the desk's form with the same required fields and the server's vague-description check; once
 * saved, its detail opens by its number.
 */
export function NewTicketModal({ open, onClose, customer }: { open: boolean; onClose: () => void; customer?: { id: string; name: string } }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const settings = useLoad((signal) => ticketsApi.settings(signal), []);
  const [messageApi, holder] = antdMessage.useMessage();

  async function create(input: NewTicket) {
    const detail = await ticketsApi.create({ ...input, channel: 'other' });
    void messageApi.success(t('tickets.new.created', { number: ticketRef(detail.ticket) }));
    onClose();
    navigate(`/tickets/${encodeURIComponent(ticketRef(detail.ticket))}`);
    return detail;
  }

  return (
    <>
      {holder}
      <Modal open={open} title={t('tickets.new.title')} onCancel={onClose} footer={null} destroyOnHidden width={640}>
        <div data-testid="new-ticket">
          {settings.data ? (
            <TicketForm settings={settings.data} prefill={{ customerName: customer?.name }} callId={null} callEndedAt={null} customerId={customer?.id ?? null} created={null} onCreate={create} />
          ) : (
            <Skeleton active />
          )}
        </div>
      </Modal>
    </>
  );
}
