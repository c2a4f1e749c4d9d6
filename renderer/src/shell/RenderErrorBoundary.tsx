import {
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
} from '@fluentui/react-components';
import { Component } from 'react';
import type { ReactNode } from 'react';

interface RenderErrorBoundaryState {
  readonly error: Error | null;
}

/**
 * A page that throws while rendering shows what went wrong instead of leaving the window blank;
 * the header and navigation outside it keep working.
 */
export class RenderErrorBoundary extends Component<
  { children: ReactNode },
  RenderErrorBoundaryState
> {
  override state: RenderErrorBoundaryState = { error: null };

  static getDerivedStateFromError(error: unknown): RenderErrorBoundaryState {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <MessageBar intent="error" layout="multiline" data-testid="render-error">
        <MessageBarBody>
          <MessageBarTitle>This page could not be shown</MessageBarTitle>
          {this.state.error.message}
        </MessageBarBody>
        <MessageBarActions>
          <Button size="small" onClick={() => this.setState({ error: null })}>
            Try again
          </Button>
        </MessageBarActions>
      </MessageBar>
    );
  }
}
