import { useState, type FormEvent } from 'react';
import { ORDER_RESOLUTIONS, ORDER_TYPES, type OrderResolution, type OrderType } from '../../../shared/reference-data';
import type { OrderView } from '../../../shared/record-views';
import { formatDateShort } from '../../../shared/uk-dates';
import { call } from '../../api/client';
import { DateInput } from '../../components/DateInput';
import { ErrorSummary } from '../../components/ErrorSummary';
import { SelectField } from '../../components/SelectField';
import { TextField } from '../../components/TextField';
import { useFormErrors } from '../../hooks/useFormErrors';
import { SummaryRow } from '../../components/SummaryRow';
import { useQuery } from '../../hooks/useQuery';

/** Protective orders on the case: what, until when, who is protected, breaches, and renewal or review. */
export function OrdersSection({ caseId, canWrite, today, onChanged }: { caseId: number; canWrite: boolean; today: string; onChanged: () => void }) {
  const orders = useQuery('orders.list', { caseId });
  const refresh = () => {
    void orders.reload();
    onChanged();
  };
  return (
    <div data-testid="orders-panel">
      <h2 className="govuk-heading-m">Protective orders</h2>
      {orders.data && orders.data.length === 0 ? <p className="govuk-body">No orders recorded.</p> : null}
      {(orders.data ?? []).map((o) => (
        <OrderCard key={o.id} order={o} canWrite={canWrite} today={today} onChanged={refresh} />
      ))}
      {canWrite ? <AddOrderForm caseId={caseId} nextRef={`ORD-${(orders.data?.length ?? 0) + 1}`} onSaved={refresh} /> : null}
    </div>
  );
}

function OrderCard({ order: o, canWrite, today, onChanged }: { order: OrderView; canWrite: boolean; today: string; onChanged: () => void }) {
  const active = !o.resolvedDate && (!o.expiryDate || o.expiryDate >= today);
  return (
    <div className="govuk-summary-card" data-order-ref={o.orderRef}>
      <div className="govuk-summary-card__title-wrapper">
        <h3 className="govuk-summary-card__title">
          {ORDER_TYPES.labels[o.orderType as OrderType] ?? o.orderType} ({o.orderRef}){' '}
          {active ? (
            <strong className="govuk-tag govuk-tag--green">Active</strong>
          ) : o.resolvedDate ? (
            <strong className="govuk-tag govuk-tag--grey">{o.resolution}</strong>
          ) : (
            <strong className="govuk-tag govuk-tag--red">Expired</strong>
          )}
        </h3>
      </div>
      <div className="govuk-summary-card__content">
        <dl className="govuk-summary-list">
          <SummaryRow label="Made" value={o.madeDate ? formatDateShort(o.madeDate) : 'Not recorded'} />
          <SummaryRow label="Expires" value={o.expiryDate ? formatDateShort(o.expiryDate) : 'Until further order'} />
          <SummaryRow label="Court" value={o.court ?? 'Not recorded'} />
          <SummaryRow label="Protects" value={o.protectedPeople.join(', ') || 'Not recorded'} />
          <SummaryRow label="Conditions" value={o.conditions ?? 'Not recorded'} />
          <SummaryRow label="Exclusion zones" value={o.exclusionZones ?? 'None recorded'} />
          <SummaryRow label="Who is aware" value={o.aware.map((a) => (a === 'ro' ? 'RO' : 'Police')).join(', ') || 'Not recorded'} />
          <SummaryRow
            label="Breaches"
            value={
              o.breaches.length
                ? o.breaches.map((b) => `${formatDateShort(b.date)}: ${b.what}${b.reportedTo ? ` (reported to ${b.reportedTo})` : ''}`).join('; ')
                : 'None'
            }
          />
        </dl>
        {canWrite && !o.resolvedDate ? (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-half">
              <BreachForm orderId={o.id} today={today} onSaved={onChanged} />
            </div>
            <div className="govuk-grid-column-one-half">
              <ResolveForm orderId={o.id} today={today} onSaved={onChanged} />
            </div>
          </div>
        ) : null}
      </div>
    </div>
  );
}

function AddOrderForm({ caseId, nextRef, onSaved }: { caseId: number; nextRef: string; onSaved: () => void }) {
  const [o, setO] = useState({
    orderRef: '',
    orderType: '' as OrderType | '',
    madeDate: '',
    expiryDate: '',
    court: '',
    protectedPeople: 'victim',
    conditions: '',
    exclusionZones: '',
    ro: false,
    police: false,
  });
  const { errors, fieldError, fail, clear, setErrors } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    if (!o.orderType) {
      setErrors([{ field: 'order-type', message: 'Choose the type of order' }]);
      return;
    }
    try {
      await call('orders.save', {
        caseId,
        order: {
          orderRef: o.orderRef.trim() || nextRef,
          orderType: o.orderType,
          madeDate: o.madeDate,
          expiryDate: o.expiryDate || null,
          court: o.court,
          protectedPeople: o.protectedPeople
            .split(';')
            .map((p) => p.trim())
            .filter(Boolean),
          conditions: o.conditions,
          exclusionZones: o.exclusionZones,
          aware: [...(o.ro ? (['ro'] as const) : []), ...(o.police ? (['police'] as const) : [])],
        },
      });
      setO({ ...o, orderRef: '', madeDate: '', expiryDate: '', court: '', conditions: '', exclusionZones: '' });
      onSaved();
    } catch (error) {
      const ids: Record<string, string> = {
        'order.madeDate': 'order-made',
        'order.expiryDate': 'order-expiry',
        orderRef: 'order-ref',
        'order.orderRef': 'order-ref',
      };
      fail(error, Object.values(ids), (field) => ids[field] ?? field);
    }
  };
  return (
    <details className="govuk-details">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Add an order</span>
      </summary>
      <div className="govuk-details__text">
        <form noValidate onSubmit={submit} aria-label="Add an order">
          <ErrorSummary errors={errors} />
          <SelectField
            id="order-type"
            label="Type"
            value={o.orderType}
            options={ORDER_TYPES.values}
            labels={ORDER_TYPES.labels}
            onChange={(v) => setO({ ...o, orderType: v })}
            emptyLabel="Choose"
            error={fieldError('order-type')}
          />
          <TextField
            id="order-ref"
            label="Reference (optional)"
            hint={`Leave empty to use ${nextRef}`}
            value={o.orderRef}
            onChange={(v) => setO({ ...o, orderRef: v })}
            error={fieldError('order-ref')}
            widthClass="govuk-input--width-10"
          />
          <DateInput id="order-made" legend="Made on" value={o.madeDate} onChange={(v) => setO({ ...o, madeDate: v })} error={fieldError('order-made')} />
          <DateInput
            id="order-expiry"
            legend="Expires on (leave empty if until further order)"
            value={o.expiryDate}
            onChange={(v) => setO({ ...o, expiryDate: v })}
            error={fieldError('order-expiry')}
          />
          <TextField id="order-court" label="Court (optional)" value={o.court} onChange={(v) => setO({ ...o, court: v })} />
          <TextField
            id="order-protected"
            label="Protects"
            hint="Separate people with ; for example: victim; Ollie; Mia"
            value={o.protectedPeople}
            onChange={(v) => setO({ ...o, protectedPeople: v })}
          />
          <TextField id="order-conditions" label="Conditions (optional)" value={o.conditions} onChange={(v) => setO({ ...o, conditions: v })} />
          <TextField id="order-zones" label="Exclusion zones (optional)" value={o.exclusionZones} onChange={(v) => setO({ ...o, exclusionZones: v })} />
          <div className="govuk-form-group">
            <fieldset className="govuk-fieldset">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Who is aware of the order</legend>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                {(['ro', 'police'] as const).map((who) => (
                  <div className="govuk-checkboxes__item" key={who}>
                    <input
                      className="govuk-checkboxes__input"
                      id={`order-aware-${who}`}
                      type="checkbox"
                      checked={o[who]}
                      onChange={(e) => setO({ ...o, [who]: e.target.checked })}
                    />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={`order-aware-${who}`}>
                      {who === 'ro' ? 'The RO' : 'The police'}
                    </label>
                  </div>
                ))}
              </div>
            </fieldset>
          </div>
          <button type="submit" className="govuk-button">
            Add order
          </button>
        </form>
      </div>
    </details>
  );
}

function BreachForm({ orderId, today, onSaved }: { orderId: number; today: string; onSaved: () => void }) {
  const [date, setDate] = useState(today);
  const [what, setWhat] = useState('');
  const [reportedTo, setReportedTo] = useState('');
  const { errors, fieldError, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      await call('orders.addBreach', { orderId, breach: { date, what, reportedTo } });
      setWhat('');
      onSaved();
    } catch (error) {
      fail(error, [`breach-what-${orderId}`], () => `breach-what-${orderId}`);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Record a breach">
      <h4 className="govuk-heading-s">Record a breach</h4>
      <ErrorSummary errors={errors} />
      <DateInput id={`breach-date-${orderId}`} legend="Date" value={date} onChange={setDate} />
      <TextField id={`breach-what-${orderId}`} label="What happened" value={what} onChange={setWhat} error={fieldError(`breach-what-${orderId}`)} />
      <TextField id={`breach-reported-${orderId}`} label="Reported to (optional)" value={reportedTo} onChange={setReportedTo} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Record breach
      </button>
    </form>
  );
}

function ResolveForm({ orderId, today, onSaved }: { orderId: number; today: string; onSaved: () => void }) {
  const [resolution, setResolution] = useState<OrderResolution | ''>('reviewed');
  const [date, setDate] = useState(today);
  const { errors, fail, clear } = useFormErrors();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    clear();
    try {
      await call('orders.resolve', { orderId, resolution: { resolution: (resolution || 'reviewed') as OrderResolution, date } });
      onSaved();
    } catch (error) {
      fail(error, []);
    }
  };
  return (
    <form noValidate onSubmit={submit} aria-label="Renew, replace or review">
      <h4 className="govuk-heading-s">Renewed, replaced or reviewed</h4>
      <ErrorSummary errors={errors} />
      <SelectField
        id={`resolve-${orderId}`}
        label="What happened"
        value={resolution}
        options={ORDER_RESOLUTIONS.values}
        labels={ORDER_RESOLUTIONS.labels}
        onChange={setResolution}
        emptyLabel="Choose"
      />
      <DateInput id={`resolve-date-${orderId}`} legend="Date" value={date} onChange={setDate} />
      <button type="submit" className="govuk-button govuk-button--secondary">
        Save
      </button>
    </form>
  );
}
